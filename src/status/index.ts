/**
 * The status area: `tandem status`, the lifecycle board. For each unit its stage in the loop
 * (requested, defined, produced, approved, released, reinforced, reviewed), who owns the next
 * step and what is due (approvals, VERSION_NOT_BUMPED, a job aid past `review_by`, an overdue
 * biweekly review, the last report's flags), and the week of the 30-day rollout with what it
 * needs. Reads the course, approvals, requests, the last release manifest and report.json; writes
 * nothing. May import the foundations and intake (for the backlog).
 */
export { statusBoard, type StatusBoard, type StatusOptions, type StatusResult } from './statusBoard.js';
export { statusHtml, statusJson, statusText } from './renderStatus.js';
export { STAGES, type Stage, type UnitStatus } from './unitStatus.js';
