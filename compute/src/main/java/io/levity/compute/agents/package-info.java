/**
 * iNFT agents as a service (docs/compute.md, "Agents as a service"): a chat request names an iNFT
 * agent and carries its user's signed grant; the provider checks the token and the user's usage
 * authorization on chain, has the agent's data sealed to it by the re-encryption oracle, and runs
 * the agent with that data as the system prompt. The user never receives the data; the signed
 * receipt binds the token and its data hashes through the request hash.
 */
package io.levity.compute.agents;
