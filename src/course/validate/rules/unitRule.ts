import type { Diagnostic } from '../../../diagnostics/diagnostic.js';
import type { LoadedUnit } from '../../load/loadUnit.js';
import type { CourseConfig } from '../../model/course.js';
import type { Unit } from '../../model/unit.js';

/** A workflow rule over one unit whose contract is valid. Pure: reads the model, returns diagnostics. */
export type UnitRule = (loaded: LoadedUnit & { unit: Unit }, config: CourseConfig) => Diagnostic[];
