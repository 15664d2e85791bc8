/**
 * The precompiled contracts (0x01 ECRECOVER through 0x0a POINT EVALUATION): each a price for an
 * input and a result, gathered per fork in a {@link io.levity.evm.precompile.PrecompileSet}.
 */
package io.levity.evm.precompile;
