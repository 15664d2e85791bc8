/**
 * {@code levity chaos}: a network of {@code levity node} processes on 127.0.0.1 whose p2p links all
 * run through TCP proxies this process controls, under a steady transfer load, while a seeded
 * schedule SIGKILLs and restarts validators and cuts and heals their links; the report counts
 * acknowledged, included and lost transactions and checks that every node ends on the same chain.
 * The network and proxy parts need only the JDK, so the acceptance tests drive them too.
 */
package io.levity.cli.chaos;
