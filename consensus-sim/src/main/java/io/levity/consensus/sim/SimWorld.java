package io.levity.consensus.sim;

import io.levity.consensus.crypto.SignatureScheme;
import io.levity.consensus.engine.EngineConfig;
import io.levity.consensus.message.ConsensusCodec;
import io.levity.consensus.types.SigningDomain;
import io.levity.consensus.types.ValidatorSet;
import java.util.random.RandomGenerator;

/**
 * What the nodes of one run share: its parameters, the engines' configuration, the validator set
 * with its signature scheme, signing domain and codec, and the simulated world (event queue,
 * network, checkers, and the one generator all randomness comes from).
 */
record SimWorld(
    SimConfig cfg,
    EngineConfig engine,
    ValidatorSet validators,
    SignatureScheme scheme,
    SigningDomain domain,
    ConsensusCodec codec,
    SimEventQueue events,
    SimNetwork network,
    Checkers checkers,
    RandomGenerator rng) {}
