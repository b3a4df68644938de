package io.baton.system;

import com.fasterxml.jackson.core.JsonParseException;
import java.io.CharConversionException;

/**
 * Reads what went wrong in a JSON body that Jackson refused before any field was bound, so that a
 * problem can name it: a key given twice ({@code STRICT_DUPLICATE_DETECTION}), or bytes that are
 * not UTF-8. Shared by the API's problem details and the import's row problems.
 */
public final class JsonTrouble {

    public static final String DUPLICATE_KEY = "is given more than once";

    private JsonTrouble() {
    }

    /** The key a duplicate-key failure is about, or null when the failure is something else. */
    public static String duplicateKey(Throwable failure) {
        if (failure instanceof JsonParseException parse && parse.getOriginalMessage() != null
                && parse.getOriginalMessage().startsWith("Duplicate field")
                && parse.getProcessor() != null && parse.getProcessor().getParsingContext() != null) {
            // The context has taken the repeated name when the duplicate check fires.
            return parse.getProcessor().getParsingContext().getCurrentName();
        }
        return null;
    }

    public static boolean notUtf8(Throwable failure) {
        return failure instanceof CharConversionException
                || (failure instanceof JsonParseException parse && parse.getOriginalMessage() != null
                && parse.getOriginalMessage().startsWith("Invalid UTF-8"));
    }
}
