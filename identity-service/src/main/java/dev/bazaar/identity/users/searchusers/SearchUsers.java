package dev.bazaar.identity.users.searchusers;

import dev.bazaar.defaults.web.PageDepth;
import dev.bazaar.defaults.web.PageRequest;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An admin looking for users by part of their email or name; pages reach no further than the {@value PageRequest#MAX_DEPTH}th user. */
@PageDepth
public record SearchUsers(
        @Parameter(description = "Part of the email or display name, any letter case", example = "alice")
        // Postgres text cannot hold NUL: refused here, not as a failing query
        @Size(max = 200) @Pattern(regexp = "[^\\x00]*", message = "must not contain the NUL character") String q,
        @Parameter(description = "Page number, from 0", example = "0")
        @Min(0) @Max(PageRequest.MAX_PAGE) Integer page,
        @Parameter(description = "Page size, 1 to 100 (default 20)", example = "20")
        @Min(1) @Max(PageRequest.MAX_SIZE) Integer size) {

    public PageRequest pageRequest() {
        return PageRequest.of(page, size);
    }
}
