/**
 * Foundation: the xAPI vocabulary Tandem speaks. Every activity IRI (course, unit, lesson, job
 * aid, objective, question, screen) and extension IRI is derived here from the course's base IRI,
 * so lesson statements, job-aid statements, the relay's allow-list and reports name the same
 * objective. Imports only the course model.
 */
export * from './activityIris.js';
export * from './interactionDefinition.js';
export * from './lessonIris.js';
export * from './verbs.js';
export * from './reinforcementIris.js';
