package io.baton.lead.imports;

/** Why a row was rejected: the field at fault ({@code row} when the row as a whole is) and what is wrong. */
record RowProblem(String field, String message) {

    static final String WHOLE_ROW = "row";
}
