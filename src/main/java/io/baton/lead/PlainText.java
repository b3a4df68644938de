package io.baton.lead;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text a person can read as it is stored, or null: no control characters (tab and line breaks
 * allowed), no invisible format characters (zero-width space and joiners, word joiner, byte order
 * mark, soft hyphen), no bidirectional controls, no line/paragraph separators, no lone surrogates
 * and no noncharacters. PostgreSQL cannot store NUL or a lone surrogate at all; the others make two
 * values that look the same compare different (defeating duplicate detection) or make a value
 * read differently from what it is. Refused rather than stripped, so what is stored is what was sent.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlainText.Validator.class)
@interface PlainText {

    String message() default "must not contain control, invisible or bidirectional formatting characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlainText, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            int offending = value.codePoints().filter(PlainText.Validator::forbidden).findFirst().orElse(-1);
            if (offending < 0) {
                return true;
            }
            // Name the character: the client cannot see it in its own data.
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate()
                    + " (found U+" + String.format("%04X", offending) + ")").addConstraintViolation();
            return false;
        }

        static boolean forbidden(int c) {
            if (c == '\t' || c == '\n' || c == '\r') {
                return false;
            }
            return switch (Character.getType(c)) {
                // Cc: C0, DEL and C1 controls. Cf: U+200B..U+200D, U+2060, U+FEFF, U+00AD, the bidi
                // controls U+202A..U+202E, U+2066..U+2069, U+200E/U+200F, U+061C, tag characters.
                // Cs: a surrogate not paired (a paired one is a single code point here). Zl, Zp: U+2028/9.
                case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.LINE_SEPARATOR,
                     Character.PARAGRAPH_SEPARATOR -> true;
                default -> isNoncharacter(c);
            };
        }

        private static boolean isNoncharacter(int c) {
            return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
        }
    }
}
