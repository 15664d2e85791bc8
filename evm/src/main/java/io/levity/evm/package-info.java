package io.levity.evm;
