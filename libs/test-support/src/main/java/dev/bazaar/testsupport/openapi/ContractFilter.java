package dev.bazaar.testsupport.openapi;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Every response REST Assured receives, checked against the published documents before the test
 * sees it ({@link ApiContracts}). Installed for a whole module by {@link ResponseContractsSession}.
 */
public final class ContractFilter implements OrderedFilter {

    private final ApiContracts contracts;
    private final AnsweredBy answeredBy;

    public ContractFilter(ApiContracts contracts, AnsweredBy answeredBy) {
        this.contracts = contracts;
        this.answeredBy = answeredBy;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification expected,
            FilterContext context) {
        Response response = context.next(request, expected);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), name -> new java.util.ArrayList<>())
                    .add(header.getValue());
        }
        // REST Assured keeps the body once read, so the test reads it again as usual
        String path = URI.create(request.getURI()).getRawPath();
        contracts.check(new Answer(request.getMethod(), path, response.statusCode(), headers, response.asString()),
                answeredBy);
        return response;
    }

    @Override
    public int getOrder() {
        // last before the request leaves, first to see the answer: after every filter a test adds
        return OrderedFilter.LOWEST_PRECEDENCE;
    }
}
