/**
 * Ethereum's conformance fixtures (ethereum/tests: RLPTests, TrieTests, TransactionTests,
 * GeneralStateTests) run through Levity's own code. {@link io.levity.conformance.RefTestSuite}
 * walks fixture files and hands each to the {@link io.levity.conformance.FixtureRunner} that
 * recognises its JSON shape; {@code levity reftest} is a thin command over it, and this module's
 * tests run the fixtures in its own build.
 */
package io.levity.conformance;
