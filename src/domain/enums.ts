/**
 * Closed vocabularies of the public contract (../shared/spec/extract-contract.md).
 * Changing a value here changes the contract: add, never rename.
 */
import { z } from 'zod'

export const PERPETRATORS = [
  'russia', 'syrian_government', 'russia_or_syrian_government', 'us_coalition', 'turkey', 'israel',
  'opposition', 'hts', 'isis', 'sdf_ypg', 'unknown',
] as const
export const Perpetrator = z.enum(PERPETRATORS)
export type Perpetrator = z.infer<typeof Perpetrator>

export const WEAPONS = [
  'airstrike', 'barrel_bomb', 'cluster_munition', 'shelling_artillery', 'rocket_missile', 'drone',
  'chemical', 'ied_car_bomb', 'small_arms', 'unknown',
] as const
export const Weapon = z.enum(WEAPONS)
export type Weapon = z.infer<typeof Weapon>

export const TARGETS = [
  'residential', 'school', 'hospital_medical', 'civil_defence', 'market', 'bakery', 'mosque', 'idp_camp',
  'road_vehicle', 'infrastructure', 'military', 'other',
] as const
export const Target = z.enum(TARGETS)
export type Target = z.infer<typeof Target>

/** Airwars' grading of an incident, lower-cased. */
export const GRADES = ['confirmed', 'fair', 'weak', 'contested', 'discounted'] as const
export const Grade = z.enum(GRADES)
export type Grade = z.infer<typeof Grade>

/** ACLED geo_precision: 1 town or finer, 2 near a named place / part of a region, 3 admin centroid. */
export const Precision = z.union([z.literal(1), z.literal(2), z.literal(3)])
export type Precision = z.infer<typeof Precision>

export const ROLES = ['admin', 'editor', 'analyst', 'viewer'] as const
export const Role = z.enum(ROLES)
export type Role = z.infer<typeof Role>
