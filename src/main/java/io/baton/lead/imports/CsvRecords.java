package io.baton.lead.imports;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 records one at a time: quoted values may hold commas, quotes ({@code ""}) and
 * line breaks. Blank lines are not records. A record longer than the limit, or a quote never
 * closed, makes the file unreadable from there on, so it fails the file rather than a row.
 */
final class CsvRecords {

    record Record(int line, List<String> values) {
    }

    private static final int NONE = -2;

    private final Reader in;
    private final int maxChars;
    private int line = 1;
    private int pushedBack = NONE;
    private boolean started;

    CsvRecords(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next record, or null at the end of the file. */
    Record next() throws IOException {
        while (true) {
            int c = read();
            if (c == -1) {
                return null;
            }
            int start = line;
            List<String> values = new ArrayList<>();
            StringBuilder value = new StringBuilder();
            boolean quoted = false;
            boolean inQuotes = false;
            int chars = 0;
            while (true) {
                if (++chars > maxChars) {
                    throw ImportFileException.invalid(start, RowProblem.WHOLE_ROW, "is longer than " + maxChars + " characters");
                }
                if (inQuotes) {
                    if (c == -1) {
                        throw ImportFileException.invalid(start, RowProblem.WHOLE_ROW, "has a quoted value that is never closed");
                    }
                    if (c == '"') {
                        int d = read();
                        if (d == '"') {
                            value.append('"');
                        } else {
                            inQuotes = false;
                            c = d;
                            continue;
                        }
                    } else {
                        countLine(c);
                        value.append((char) c);
                    }
                } else if (c == -1 || c == '\n' || c == '\r') {
                    countLine(c);
                    values.add(value.toString());
                    break;
                } else if (c == ',') {
                    values.add(value.toString());
                    value.setLength(0);
                    quoted = false;
                } else if (c == '"' && value.isEmpty() && !quoted) {
                    inQuotes = true;
                    quoted = true;
                } else {
                    value.append((char) c);
                }
                c = read();
            }
            if (values.size() == 1 && values.get(0).isBlank() && !quoted) {
                continue;
            }
            return new Record(start, values);
        }
    }

    private void countLine(int c) throws IOException {
        if (c == '\n') {
            line++;
        } else if (c == '\r') {
            int d = read();
            if (d != '\n') {
                pushedBack = d;
            }
            line++;
        }
    }

    private int read() throws IOException {
        if (pushedBack != NONE) {
            int c = pushedBack;
            pushedBack = NONE;
            return c;
        }
        int c = in.read();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                c = in.read();
            }
        }
        return c;
    }
}
