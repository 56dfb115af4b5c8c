package dev.bazaar.payment.payments.getpayment;

import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.defaults.security.Caller;
import dev.bazaar.payment.payments.PaymentView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Payments")
@SecurityRequirement(name = "bearer")
class GetPaymentEndpoint {

    private final GetPaymentHandler handler;

    GetPaymentEndpoint(GetPaymentHandler handler) {
        this.handler = handler;
    }

    @GetMapping("/api/payments/{id}")
    @Operation(summary = "One payment by id: the caller's own, or any for role ADMIN",
            description = "A payment is made when an order is placed and follows it: succeeded or failed, refunded "
                    + "when a paid order is cancelled. A shopper sees only their own payments (another's answers "
                    + "404, as one that does not exist); an admin sees any. Find a payment's id by its order with "
                    + "GET /api/payments?orderId=.")
    @ApiResponse(responseCode = "200", description = "The payment")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "401", description = "No valid token")
    @ApiResponse(responseCode = "404", description = "No such payment, or another shopper's")
    PaymentView get(@Parameter(description = "The payment's id, as the list of payments gives it",
            example = "c4e2a9f1-7b3d-4e58-a6c0-8d1f2b3e4a57") @PathVariable UUID id, @Parameter(hidden = true) Authentication caller) {
        return PaymentView.of(handler.get(GetPayment.byId(id), Caller.of(caller)));
    }
}
