/**
 * The re-executing auditor of the inference market (docs/compute.md, "Auditors"): it follows the
 * market's BatchSubmitted and Challenged events, fetches each batch's bundle from the provider,
 * checks every leaf against the on-chain root and its bodies against the signed hashes, re-executes
 * a seeded sample of the answers with the model named by its root, challenges what it finds wrong
 * and votes honestly on every dispute it can re-execute.
 */
package io.levity.compute.audit;
