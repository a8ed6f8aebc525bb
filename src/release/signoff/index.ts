/**
 * Sign-off per role, bound to content: each role's slice of a unit and its hash (slices.ts), the
 * approvals/<unit>.yaml files (approvalsFile.ts), recording an approval (approveUnit.ts) and the
 * release gate (verifyApprovals.ts).
 */
export { approveUnit, type ApproveResult } from './approveUnit.js';
export { APPROVALS_DIR, approvalsPath, readApprovals, type Approval } from './approvalsFile.js';
export { SIGNOFF_ROLES, sliceContent, unitSlices, type Slice, type SliceContent } from './slices.js';
export { currentApprovals, verifyApprovals, type RoleState, type SignoffResult, type UnitSignoff } from './verifyApprovals.js';
