package dev.bazaar.payment.payments.listpayments;

import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.defaults.security.Caller;
import dev.bazaar.defaults.web.PageOf;
import dev.bazaar.defaults.web.PageRequest;
import dev.bazaar.payment.payments.PaymentView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@Tag(name = "Payments")
@SecurityRequirement(name = "bearer")
class ListPaymentsEndpoint {

    private final ListPaymentsHandler handler;

    ListPaymentsEndpoint(ListPaymentsHandler handler) {
        this.handler = handler;
    }

    // plain request parameters rather than a bound record: a malformed orderId then answers
    // "must be a valid UUID" instead of a Java conversion message
    @GetMapping("/api/payments")
    @Operation(summary = "The caller's payments (role ADMIN: everyone's), newest first; "
            + "with orderId, the payment of that order (0 or 1 items)",
            description = "A shopper gets their own payments, an admin everyone's. The payment of an order appears "
                    + "shortly after the order is placed (payment-service takes it from the order.order.placed event), "
                    + "so a list by orderId may be empty for a moment. Pages hold 1 to 100 (20 by default) and reach "
                    + "no further than the 10,000th; the answer has the total.")
    @ApiResponse(responseCode = "200", description = "A page of payments")
    @ApiResponse(responseCode = "400", description = "A parameter is invalid (problem+json naming it)")
    @ApiResponse(responseCode = "401", description = "No valid token")
    PageOf<PaymentView> list(
            @Parameter(description = "Only the payment of this order (an order has at most one)",
                    example = "5b1f0c2e-8a3d-4c7b-9e61-2d4f8a0b6c13")
            @RequestParam(required = false) UUID orderId,
            @Parameter(description = "Page number, from 0", example = "0")
            @RequestParam(defaultValue = "0") @Min(0) @Max(PageRequest.MAX_PAGE) int page,
            @Parameter(description = "Page size, 1 to 100 (default 20)", example = "20")
            @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) @Min(1) @Max(PageRequest.MAX_SIZE) int size,
            @Parameter(hidden = true) Authentication caller) {
        return handler.list(new ListPayments(orderId, PageRequest.of(page, size)), Caller.of(caller)).map(PaymentView::of);
    }
}
