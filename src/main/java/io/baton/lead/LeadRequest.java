package io.baton.lead;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A lead as integrations send it to {@code POST /api/leads}. */
public record LeadRequest(
        @PlainText @Size(max = 200) @Pattern(regexp = "\\S(.*\\S)?", message = "must not start or end with whitespace") String externalId,
        @PlainText @NotBlank @Size(max = 254) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+") String email,
        @PlainText @Size(max = 100) String firstName,
        @PlainText @Size(max = 100) String lastName,
        @PlainText @Size(max = 200) String company,
        @IsoCountry String country,
        @PlainText @NotBlank @Size(max = 100) String source,
        @Min(0) @Max(10_000_000) Integer employees) {
}
