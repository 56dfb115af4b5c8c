package dev.bazaar.defaults.web;

import java.util.List;

import dev.bazaar.defaults.problem.BadRequest;

/**
 * Which page of a list a client asks for, the question {@link PageOf} answers. Every list
 * takes {@code page} (from 0, at most {@link #MAX_PAGE}) and {@code size} (from 1, at most
 * the list's cap, {@link #MAX_SIZE} unless the list documents another; {@link #DEFAULT_SIZE}
 * when left out). The query record that binds the parameters declares those bounds with
 * Bean Validation, so a bad value is a 400 naming the parameter; this record holds the
 * defaults and refuses what no validated query can produce.
 * <p>
 * No list reaches past its {@value #MAX_DEPTH}th item: a deep offset costs the database a
 * scan of every row before it, on anonymous calls too. The query record declares
 * {@link PageDepth} so that a page beyond is a 400 naming the limit; a request that is built
 * here without it is refused the same way ({@link BadRequest}), never served.
 */
public record PageRequest(int page, int size) {

    public static final int MAX_PAGE = 10_000;
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    /** The last item any page may reach: (page + 1) × size ≤ this. */
    public static final int MAX_DEPTH = 10_000;
    /** Why a page beyond {@link #MAX_DEPTH} is refused, as the client reads it. */
    public static final String TOO_DEEP =
            "page and size reach past the 10,000th item; ask for an earlier page or narrow the query";

    public PageRequest {
        if (page < 0 || page > MAX_PAGE) {
            throw new IllegalArgumentException("page must be between 0 and " + MAX_PAGE + ", was " + page);
        }
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, was " + size);
        }
        if (reachesPastMaxDepth(page, size)) {
            throw new BadRequest(TOO_DEEP);
        }
    }

    /** The page and size a client sent, either left out (null) for the first page of {@link #DEFAULT_SIZE}. */
    public static PageRequest of(Integer page, Integer size) {
        return new PageRequest(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    /** Whether the page's last item lies beyond {@link #MAX_DEPTH}; page from 0, size from 1. */
    static boolean reachesPastMaxDepth(long page, long size) {
        return (page + 1) * size > MAX_DEPTH;
    }

    /** How many items come before this page. */
    public long offset() {
        return (long) page * size;
    }

    /** This page's items, with the list's total, as the client gets them. */
    public <T> PageOf<T> answer(List<T> items, long totalItems) {
        return PageOf.of(items, page, size, totalItems);
    }
}
