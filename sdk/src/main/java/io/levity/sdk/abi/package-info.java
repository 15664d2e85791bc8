/**
 * The Solidity contract ABI: types ({@link io.levity.sdk.abi.AbiType}), the standard encoding of
 * call data and return values ({@link io.levity.sdk.abi.AbiCodec}), functions with their selectors
 * ({@link io.levity.sdk.abi.AbiFunction}), events with their topics ({@link
 * io.levity.sdk.abi.AbiEvent}) and revert reasons ({@link io.levity.sdk.abi.RevertReason}).
 * Decoding trusts nothing it reads: an offset or length outside the data, a value wider than its
 * type or overlapping dynamic values are an {@link io.levity.sdk.abi.AbiException}.
 */
package io.levity.sdk.abi;
