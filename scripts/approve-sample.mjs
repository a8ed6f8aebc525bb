#!/usr/bin/env node
/**
 * Records every role's approval of every unit of fixtures/sample-course (as its named owner, on a
 * fixed day), so `tandem check fixtures/sample-course --release` passes. Run after changing the
 * sample's content on purpose (`npm run build` first): the approvals are bound to it.
 *
 *   node scripts/approve-sample.mjs [course-dir]
 */
import { loadCourse } from '../dist/course/loadCourse.js';
import { approveUnit, SIGNOFF_ROLES } from '../dist/release/index.js';

const dir = process.argv[2] ?? 'fixtures/sample-course';
const { course } = await loadCourse(dir);
if (!course) throw new Error(`${dir} does not load as a course`);
for (const unit of course.units)
  for (const role of SIGNOFF_ROLES) {
    const result = await approveUnit(dir, unit.id, role, unit.contract.owners[role], { date: '2026-11-20', note: 'Sample sign-off' });
    if (!result.ok) throw new Error(`${unit.id} ${role}: ${result.reason}`);
  }
console.log(`Approved ${course.units.length} unit(s) × ${SIGNOFF_ROLES.length} roles in ${dir}/approvals/.`);
