package dev.bazaar.defaults.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bazaar.defaults.problem.BadRequest;

class PageRequestTest {

    @Test
    void leftOutPageAndSizeAreTheFirstPageOfTheDefaultSize() {
        PageRequest request = PageRequest.of(null, null);

        assertThat(request).isEqualTo(new PageRequest(0, PageRequest.DEFAULT_SIZE));
        assertThat(request.offset()).isZero();
    }

    @Test
    void keepsWhatTheClientSent() {
        PageRequest request = PageRequest.of(3, 7);

        assertThat(request.page()).isEqualTo(3);
        assertThat(request.size()).isEqualTo(7);
        assertThat(request.offset()).isEqualTo(21);
    }

    @Test
    void reachesAsFarAsTheTenThousandthItemAndNoFurther() {
        assertThat(new PageRequest(99, 100).offset()).isEqualTo(9_900);
        assertThat(new PageRequest(9_999, 1).offset()).isEqualTo(9_999);

        assertThatThrownBy(() -> new PageRequest(100, 100)).isInstanceOf(BadRequest.class)
                .hasMessageContaining("10,000th item");
        assertThatThrownBy(() -> new PageRequest(10_000, 1)).isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> new PageRequest(0, 10_001)).isInstanceOf(BadRequest.class);
    }

    @Test
    void aDepthBeyondIntegersIsStillRefused() {
        assertThatThrownBy(() -> new PageRequest(PageRequest.MAX_PAGE, Integer.MAX_VALUE)).isInstanceOf(BadRequest.class);
    }

    @Test
    void refusesANegativePageAPageBeyondTheLastAndAnEmptySize() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PageRequest(-1, 20)).withMessageContaining("page");
        assertThatIllegalArgumentException().isThrownBy(() -> new PageRequest(PageRequest.MAX_PAGE + 1, 20))
                .withMessageContaining("page");
        assertThatIllegalArgumentException().isThrownBy(() -> new PageRequest(0, 0)).withMessageContaining("size");
    }

    @Test
    void answersWithThePageAndItsTotals() {
        PageOf<String> page = PageRequest.of(1, 2).answer(List.of("c", "d"), 5);

        assertThat(page).isEqualTo(new PageOf<>(List.of("c", "d"), 1, 2, 5, 3));
    }
}
