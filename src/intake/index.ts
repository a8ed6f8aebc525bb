/**
 * The intake area: where the loop starts. Reads training requests (a requests CSV or GitHub
 * issue-form answers), validates them with positioned diagnostics, ranks them by impact ×
 * frequency into a backlog (JSON, CSV, Markdown, HTML), and scaffolds a unit from a request
 * (`tandem new --from-request`). May import the foundations only.
 */
export { readRequests, type ReadRequestsResult } from './readRequests.js';
export { rankRequests, type RankedRequest } from './rankRequests.js';
export { runIntake, type IntakeResult } from './runIntake.js';
export { BACKLOG_FILES, type BacklogEntry } from './writeBacklog.js';
export type { TrainingRequest } from './request.js';
export { newUnitFromRequest, type NewUnitResult } from './newUnitFromRequest.js';
