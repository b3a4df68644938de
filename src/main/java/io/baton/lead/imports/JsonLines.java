package io.baton.lead.imports;

import java.io.IOException;
import java.io.Reader;

/** Reads JSON lines one at a time, never more than the record limit of one line into memory. */
final class JsonLines {

    record Line(int number, String text) {
    }

    private final Reader in;
    private final int maxChars;
    private int number;
    private boolean started;

    JsonLines(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next non-blank line, or null at the end of the file. */
    Line next() throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int c = in.read();
            if (!started) {
                started = true;
                if (c == '\uFEFF') {
                    c = in.read();
                }
            }
            if (c == -1 && text.isEmpty()) {
                return null;
            }
            if (c == -1 || c == '\n') {
                number++;
                if (text.toString().isBlank()) {
                    text.setLength(0);
                    if (c == -1) {
                        return null;
                    }
                    continue;
                }
                return new Line(number, text.toString());
            }
            if (text.length() >= maxChars) {
                throw ImportFileException.invalid(number + 1, RowProblem.WHOLE_ROW, "is longer than " + maxChars + " characters");
            }
            text.append((char) c);
        }
    }
}
