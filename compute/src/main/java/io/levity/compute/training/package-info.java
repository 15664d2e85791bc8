/**
 * Auditable training: the TrainingJobs contract's bindings, the job's specification (the file whose
 * storage root the job names), the runner that trains segment by segment and commits each
 * checkpoint's root, and the verifier that re-runs one segment and names the first tensor that
 * differs.
 */
package io.levity.compute.training;
