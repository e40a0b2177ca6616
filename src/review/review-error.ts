/** The expected failures of review actions, as values. The API maps them to 404, 409, 422 and 403. */
export type ReviewErrorCode = 'not_found' | 'conflict' | 'invalid' | 'forbidden'
export interface ReviewError { code: ReviewErrorCode; message: string }
