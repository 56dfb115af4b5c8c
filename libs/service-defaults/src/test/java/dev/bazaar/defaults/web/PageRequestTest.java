package dev.bazaar.defaults.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;

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
    void offsetOfTheLastPageDoesNotOverflow() {
        PageRequest request = new PageRequest(PageRequest.MAX_PAGE, Integer.MAX_VALUE);

        assertThat(request.offset()).isEqualTo((long) PageRequest.MAX_PAGE * Integer.MAX_VALUE);
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
