package dev.gannet.broker;

import java.util.Objects;

/** Identifies a topic (permanent or temporary) in the {@link DestinationRegistry}. Topics are not stored. */
record TopicKey(String name) {

    TopicKey {
        Objects.requireNonNull(name, "topic name");
    }
}
