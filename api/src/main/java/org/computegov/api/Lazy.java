package org.computegov.api;

import org.computegov.knowledge.InvalidInputException;

/**
 * A value loaded on first use and kept. The CLI answers one question per process, so loading only the data that
 * question needs (no JSON parser for a chip classification) keeps start-up short.
 */
public final class Lazy<T> {
    /** Loads the value; may fail on a user's bad file. */
    @FunctionalInterface
    public interface Loader<T> {
        T load() throws InvalidInputException;
    }

    private final Loader<T> loader;
    private T value;

    private Lazy(Loader<T> loader) {
        this.loader = loader;
    }

    public static <T> Lazy<T> of(Loader<T> loader) {
        return new Lazy<>(loader);
    }

    public static <T> Lazy<T> loaded(T value) {
        Lazy<T> lazy = new Lazy<>(() -> value);
        lazy.value = value;
        return lazy;
    }

    public synchronized T get() throws InvalidInputException {
        if (value == null) {
            value = loader.load();
        }
        return value;
    }
}
