package io.baton.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Judges an administrator password before Baton accepts it: at least {@value #MIN_LENGTH}
 * characters, and neither a common password nor a simple variant of one — of any length, case
 * ignored. Common means the 30,000 passwords of {@code security/common-passwords.txt} (zxcvbn's list
 * from a corpus of leaked passwords, source in the file). Variants are what people do to a common
 * word to pass a length rule: digits or symbols around it ({@code Password123456}), look-alike
 * digits ({@code P@ssw0rd}), repetition ({@code adminadminadmin}), the user id or the product's name
 * with digits ({@code Admin2024!!!!}), keyboard runs and very few distinct characters.
 */
final class AdminPassword {

    static final int MIN_LENGTH = 12;

    private static final Set<String> COMMON = load("security/common-passwords.txt");
    private static final List<String> PRODUCT_WORDS = List.of("baton", "camunda", "admin", "administrator");
    private static final List<String> RUNS = List.of("01234567890123456789", "98765432109876543210",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "qwertzuiopasdfghjklyxcvbnm",
            "azertyuiopqsdfghjklmwxcvbn", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "zaq1xsw2cde3vfr4bgt5nhy6mju7,ki8.lo9/;p0");

    private AdminPassword() {
    }

    /** Why the password is too weak for {@code userId}, or empty when it is acceptable. */
    static Optional<String> weakness(String password, String userId) {
        if (password == null || password.isBlank()) {
            return Optional.of("is not set");
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("is shorter than " + MIN_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String user = userId == null ? "" : userId.toLowerCase(Locale.ROOT);
        if (lower.chars().distinct().count() < 5) {
            return Optional.of("has fewer than 5 different characters");
        }
        if (RUNS.stream().anyMatch(run -> run.contains(lower))) {
            return Optional.of("is a run of neighbouring keys or characters");
        }
        for (String candidate : variants(lower)) {
            if (COMMON.contains(candidate)) {
                return Optional.of("is a common password or a simple variant of one");
            }
            if (!user.isEmpty() && candidate.equals(user)) {
                return Optional.of("is the user id or a simple variant of it");
            }
        }
        String rest = lower;
        for (String word : productWords(user)) {
            rest = rest.replace(word, "");
        }
        if (rest.chars().noneMatch(Character::isLetter)) {
            return Optional.of("is only the user id or the product's name with digits or symbols");
        }
        return Optional.empty();
    }

    /** The password as typed, stripped of what surrounds a word, with look-alikes undone, and de-repeated. */
    private static Set<String> variants(String lower) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(lower);
        forms.add(core(lower));
        for (String form : List.copyOf(forms)) {
            forms.add(unleet(form, 'i'));
            forms.add(unleet(form, 'l'));
        }
        for (String form : List.copyOf(forms)) {
            forms.add(core(form));
        }
        for (String form : List.copyOf(forms)) {
            forms.add(unit(form));
            forms.add(core(unit(form)));
        }
        forms.remove("");
        return forms;
    }

    /** Without the digits, symbols and spaces before the first letter and after the last. */
    private static String core(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && !Character.isLetter(s.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetter(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static String unleet(String s, char one) {
        StringBuilder plain = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            plain.append(switch (c) {
                case '0' -> 'o';
                case '1', '!', '|' -> c == '1' ? one : 'i';
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7', '+' -> 't';
                case '8' -> 'b';
                case '9' -> 'g';
                default -> c;
            });
        }
        return plain.toString();
    }

    /** The shortest unit the string repeats ("abcabcabc" → "abc"), or the string itself. */
    private static String unit(String s) {
        int n = s.length();
        for (int size = 1; size <= n / 2; size++) {
            if (n % size == 0 && s.substring(0, size).repeat(n / size).equals(s)) {
                return s.substring(0, size);
            }
        }
        return s;
    }

    private static List<String> productWords(String user) {
        List<String> words = new java.util.ArrayList<>(PRODUCT_WORDS);
        if (!user.isEmpty()) {
            words.add(0, user);
        }
        // Longest first, so "administrator" goes before "admin" leaves "istrator".
        words.sort((a, b) -> b.length() - a.length());
        return words;
    }

    private static Set<String> load(String resource) {
        InputStream in = AdminPassword.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("The common-password list " + resource + " is missing from the classpath");
        }
        Set<String> words = new HashSet<>(40_000);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    words.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        return words;
    }
}
