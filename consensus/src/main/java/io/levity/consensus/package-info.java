package io.levity.consensus;
