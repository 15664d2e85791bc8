/**
 * The bn254 (alt_bn128) curve for the ECADD, ECMUL and ECPAIRING precompiles: the field tower F_p,
 * F_p2, F_p6, F_p12 ({@link io.levity.evm.precompile.bn254.Fp} in Montgomery form), the groups G1
 * over F_p and G2 over F_p2 (one generic set of Jacobian formulas for both) and the optimal ate
 * pairing.
 */
package io.levity.evm.precompile.bn254;
