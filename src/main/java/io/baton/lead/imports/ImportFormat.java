package io.baton.lead.imports;

import java.util.Optional;
import org.springframework.http.MediaType;

/** The two file formats the import takes, known by the request's content type. */
enum ImportFormat {
    CSV("text/csv"),
    NDJSON("application/x-ndjson");

    final String mediaType;

    ImportFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    static Optional<ImportFormat> of(MediaType contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        for (ImportFormat format : values()) {
            if (MediaType.parseMediaType(format.mediaType).isCompatibleWith(contentType)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
