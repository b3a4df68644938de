package io.baton.ownership;

import io.baton.system.InvalidRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A request names a person or team Baton cannot give work to; answered as 400 naming the field. */
class UnknownPersonException extends ErrorResponseException {

    private final String field;
    private final String message;

    public UnknownPersonException(String field, String value) {
        this(field, value, "is not a known, active " + (field.equals("team") ? "team" : "person"));
    }

    public UnknownPersonException(String field, String value, String why) {
        super(HttpStatus.BAD_REQUEST, InvalidRequest.problem(field, "'" + value + "' " + why), null);
        this.field = field;
        this.message = "'" + value + "' " + why;
    }

    public String field() {
        return field;
    }

    @Override
    public String getMessage() {
        return message;
    }
}
