package app.regulars.insight;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The 2F1 series the BG/NBD expectation needs, against closed forms. */
class BgNbdHypergeometricTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1e-6, 0.1, 0.5, 0.9, 0.99, 0.999})
    void oneOneTwoIsMinusLogOneMinusZOverZ(double z) {
        double expected = z == 0 ? 1.0 : -Math.log1p(-z) / z;
        assertThat(Hypergeometric.f21(1, 1, 2, z)).isCloseTo(expected, within(1e-12 * expected));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.3, 0.7, 0.95, 0.995})
    void equalBAndCGivePowerOfOneMinusZ(double z) {
        double expected = Math.pow(1 - z, -2.7);
        assertThat(Hypergeometric.f21(2.7, 4.2, 4.2, z)).isCloseTo(expected, within(1e-12 * expected));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.5, 0.9, 0.99})
    void halfHalfThreeHalvesIsArcsine(double s) {
        assertThat(Hypergeometric.f21(0.5, 0.5, 1.5, s * s)).isCloseTo(Math.asin(s) / s, within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.5, 0.9, 0.99})
    void halfOneThreeHalvesIsAreaTangent(double s) {
        double atanh = 0.5 * Math.log((1 + s) / (1 - s));
        assertThat(Hypergeometric.f21(0.5, 1, 1.5, s * s)).isCloseTo(atanh / s, within(1e-11 * atanh / s));
    }

    @Test
    void negativeIntegerATerminatesAsAPolynomial() {
        double b = 1.3;
        double c = 2.1;
        double z = 0.8;
        double expected = 1 - 2 * b * z / c + b * (b + 1) * z * z / (c * (c + 1));
        assertThat(Hypergeometric.f21(-2, b, c, z)).isCloseTo(expected, within(1e-15));
    }

    @Test
    void eulerTransformAgreesWithTheSeriesOnThePaperExample() {
        // x = 2, T = 38.86, t = 39, published parameters
        double r = 0.243;
        double alpha = 4.414;
        double a = 0.793;
        double b = 2.426;
        int x = 2;
        double z = 39 / (alpha + 38.86 + 39);
        double c = a + b + x - 1;
        double original = Math.pow(1 - z, r + x) * Hypergeometric.f21(r + x, b + x, c, z);
        double euler = Math.pow(1 - z, a - 1) * Hypergeometric.f21(a + b - 1 - r, a - 1, c, z);
        assertThat(euler).isCloseTo(original, within(1e-13));
    }

    @Test
    void logFormDoesNotOverflowWhereTheSumWould() {
        double z = 0.99;
        assertThatThrownBy(() -> Hypergeometric.f21(800, 3, 3, z)).isInstanceOf(ArithmeticException.class);
        assertThat(Hypergeometric.logF21(800, 3, 3, z)).isCloseTo(-800 * Math.log1p(-z), within(1e-9));
        assertThat(Hypergeometric.logF21(1, 1, 2, 0.5)).isCloseTo(Math.log(-Math.log(0.5) / 0.5), within(1e-14));
    }

    @Test
    void seriesThatCannotConvergeInTimeFailsLoudly() {
        assertThatThrownBy(() -> Hypergeometric.f21(1, 1, 2, 1 - 1e-12))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("did not converge");
    }

    @Test
    void argumentsOutsideTheSeriesDomainAreRejected() {
        assertThatThrownBy(() -> Hypergeometric.f21(1, 1, 2, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hypergeometric.f21(1, 1, 2, -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hypergeometric.f21(1, 1, -2, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hypergeometric.f21(Double.NaN, 1, 2, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
