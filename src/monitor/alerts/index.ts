/**
 * Alerts: saved rules (area, period, perpetrators, weapons, target kinds, minimum killed)
 * that fire when a new incident, or a new report of one, matches. `evaluateAlerts` runs
 * after resolution and queues signed webhook deliveries in an outbox; `deliverDue` sends
 * them with retries (exponential backoff with jitter) and logs every attempt, so a
 * receiver that is down loses nothing and is delivered to once it is back.
 *
 * @example
 * await addAlertRule(db, { name: 'Idlib hospitals', webhook_url: 'https://example.org/hook', secret: 's3cret-key', area: 'Idlib', targets: ['hospital_medical'] })
 * await evaluateAlerts(db, { incidentIds })
 * await deliverDue(db)
 */
export { AlertRuleInput, WebhookUrl, addAlertRule, listAlertRules, getAlertRule, setAlertRuleEnabled, deleteAlertRule } from './alert-rule.ts'
export type { AlertRule } from './alert-rule.ts'
export { evaluateAlerts, evaluateAlertsSince, alertCheckpoint, ALERT_SCHEMA } from './evaluate-alerts.ts'
export type { EvaluateResult } from './evaluate-alerts.ts'
export { deliverDue, runDeliveryWorker, sendTestAlert, requeueFailed, signBody, verifySignature, backoffDelay, describeFailure, DEFAULT_RETRY, SIGNATURE_HEADER } from './deliver-due.ts'
export type { DeliverOptions, DeliverResult, RetryPolicy } from './deliver-due.ts'
export { deliveryLog, formatDeliveryLog } from './delivery-log.ts'
export { alertRoutes } from './alert-routes.ts'
export type { DeliveryLogEntry, DeliveryAttempt, DeliveryLogFilter } from './delivery-log.ts'
