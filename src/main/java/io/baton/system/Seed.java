package io.baton.system;

/**
 * Data a feature seeds once per database, such as the demo team. {@link AccountSeeder} runs each
 * one after the administrator and the baseline grants, in the transaction that claims its marker
 * row, so two nodes starting at once seed it once.
 */
public interface Seed {

    /** The marker row's name in {@code baton_seed}: renaming it seeds again. */
    String name();

    void seed();
}
