package io.baton.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdminPasswordTest {

    @ParameterizedTest
    @ValueSource(strings = {
            // Common passwords of 12+ characters, as they are in the list and in other cases.
            "123qweasdzxc", "1qaz2wsx3edc", "QWERTY123456", "qazwsxedcrfv",
            // Common words padded to length.
            "Password123456", "password!!!!!!", "2024Dragon2024", "iloveyou1234567", "Monkey_123_456",
            // Look-alikes and repetition.
            "P@ssw0rd2024!!", "passwordpassword", "Sunshine!Sunshine!",
            // The user id and the product's names.
            "admin1234567890", "Admin2024!!!!", "adminadminadmin", "BatonAdmin2024", "camunda-admin-1",
            // Runs and too few different characters.
            "aaaaaaaaaaaaaaaa", "121212121212", "1234567890123", "qwertyuiopasdf",
            // Too short or missing.
            "Xk7#pQ", "", "   "})
    void refusesCommonPasswordsOfAnyLengthAndTheirSimpleVariants(String password) {
        assertThat(AdminPassword.weakness(password, "admin")).as(password).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tundra-Marimba-Velcro-17", "correct horse battery staple", "vq8#Lm2!rT9zWx", "Baton runs on Kesselhaus 7"})
    void acceptsLongPasswordsThatAreNotCommon(String password) {
        assertThat(AdminPassword.weakness(password, "admin")).as(password).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"morgan-admin-2024", "Morgan123456789"})
    void refusesTheUserIdOfWhoeverItIsFor(String password) {
        assertThat(AdminPassword.weakness(password, "morgan")).as(password).isPresent();
    }
}
