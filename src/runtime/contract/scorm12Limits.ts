/**
 * SCORM 1.2 limits the build checks up front and the SCORM tracker enforces at run time.
 */

/** SCORM 1.2 RTE 3.4.2: cmi.suspend_data is a CMIString4096. */
export const SUSPEND_DATA_LIMIT = 4096;
