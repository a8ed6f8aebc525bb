import { diagnose, type Diagnostic } from '../../../diagnostics/diagnostic.js';
import { OWNER_ROLES, type OwnerRole } from '../../model/unit.js';
import type { UnitRule } from './unitRule.js';

/** Every unit needs all four roles: L&D lead, ops manager, SME and analyst. */
export const checkOwners: UnitRule = ({ unit, locate }) => {
  const diagnostics: Diagnostic[] = [];
  for (const role of Object.keys(OWNER_ROLES) as OwnerRole[]) {
    if (unit.contract.owners[role].trim() === '') {
      const at = locate(['owners', role], { key: true });
      diagnostics.push(diagnose('OWNER_MISSING', { role, label: OWNER_ROLES[role] }, { ...at, unitId: unit.id }));
    }
  }
  return diagnostics;
};
