package io.levity.bench;
