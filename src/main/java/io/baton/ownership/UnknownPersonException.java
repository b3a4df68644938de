package io.baton.ownership;

/** A request names a person or team Baton cannot give work to; answered as 400 naming the field. */
public class UnknownPersonException extends RuntimeException {

    private final String field;

    public UnknownPersonException(String field, String value) {
        super("'" + value + "' is not a known, active " + (field.equals("team") ? "team" : "person"));
        this.field = field;
    }

    public UnknownPersonException(String field, String value, String why) {
        super("'" + value + "' " + why);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
