/**
 * The bn254 (alt_bn128) curve: the field tower F_p, F_p2, F_p6, F_p12 ({@link
 * io.levity.core.crypto.bn254.Fp} in Montgomery form), the groups G1 over F_p and G2 over F_p2 (one
 * generic set of Jacobian formulas for both) and the optimal ate pairing. Shared by the EVM's
 * ECADD, ECMUL and ECPAIRING precompiles and by BLS signatures ({@code io.levity.core.crypto.bls}).
 */
package io.levity.core.crypto.bn254;
