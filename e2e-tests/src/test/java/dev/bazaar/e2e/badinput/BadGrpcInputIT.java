package dev.bazaar.e2e.badinput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.bazaar.e2e.RunningBazaar;
import dev.bazaar.proto.catalog.v1.CatalogServiceGrpc;
import dev.bazaar.proto.catalog.v1.GetProductsRequest;
import dev.bazaar.proto.catalog.v1.ReleaseStockRequest;
import dev.bazaar.proto.catalog.v1.ReserveStockRequest;
import dev.bazaar.proto.catalog.v1.StockLine;
import dev.bazaar.proto.identity.v1.CustomerServiceGrpc;
import dev.bazaar.proto.identity.v1.GetCustomerRequest;
import dev.bazaar.proto.payment.v1.GetPaymentRequest;
import dev.bazaar.proto.payment.v1.PaymentServiceGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Malformed messages to every gRPC method of catalog, identity and payment, called directly on
 * their gRPC ports with order-service's service token (every scope these methods need). Ids that
 * are no UUID, empty or oversized lists, quantities out of range, an unset key, and raw bytes
 * that are no such message (one try in ten): the answer must be a client error
 * (INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION, OUT_OF_RANGE), never INTERNAL, UNKNOWN or
 * OK. ReserveStock and ReleaseStock write, so each of their requests carries a broken field
 * (a valid order id with valid lines would be a real reservation, and a release of an unknown
 * but valid order id is recorded on purpose); the databases must be unchanged afterwards.
 */
@PropertyDefaults(generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.OFF)
class BadGrpcInputIT {

    private static final Set<Status.Code> CLIENT_ERRORS = Set.of(Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND,
            Status.Code.FAILED_PRECONDITION, Status.Code.OUT_OF_RANGE);
    private static final List<String> SERVICES = List.of("identity", "catalog", "order", "payment");

    static RunningBazaar bazaar;
    static ServiceChannels grpc;

    private final Map<String, DatabaseFingerprint> before = new LinkedHashMap<>();
    private String method;

    @BeforeContainer
    static void connect() {
        bazaar = RunningBazaar.get();
        grpc = new ServiceChannels(bazaar);
        DatabaseFingerprint.awaitQuiet(bazaar);
    }

    @AfterContainer
    static void publishReport() {
        if (grpc != null) {
            grpc.close();
        }
        BadInputReport.get().publish();
    }

    private static Map<String, DatabaseFingerprint> fingerprints() {
        return DatabaseFingerprint.all(bazaar);
    }

    @BeforeProperty
    void snapshotDatabases() {
        before.putAll(fingerprints());
    }

    @AfterProperty
    void nothingChangedAndEveryAnswerWasAClientError() {
        List<String> changes = new ArrayList<>();
        fingerprints().forEach((service, after) -> changes.addAll(before.get(service).differencesTo(after)));
        changes.forEach(change -> BadInputReport.get().databaseChanged(method + ": " + change));
        List<BadInputReport.Violation> violations = BadInputReport.get().violationsOf(method);
        if (!violations.isEmpty() || !changes.isEmpty()) {
            throw new AssertionError(method + ": " + violations.size() + " answers were not a client error"
                    + violations.stream().map(v -> "\n  " + v.answer() + " for " + v.input()).collect(Collectors.joining())
                    + (changes.isEmpty() ? "" : "\n  database changed: " + String.join("\n  ", changes)));
        }
    }

    // ---- generators -------------------------------------------------------------------------

    static Arbitrary<String> notAUuid() {
        return Arbitraries.oneOf(OddText.any(), Arbitraries.strings().withChars("0123456789abcdef-").ofMaxLength(40),
                        Arbitraries.of("", " ", "null", "00000000-0000-0000-0000-00000000000g"))
                .filter(s -> s.isBlank() || BadParameters.neverAUuid(s))
                // proto3 strings must be valid UTF-8: a lone surrogate would fail on the client already
                .map(s -> s.codePoints().filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString())
                .filter(s -> s.isBlank() || BadParameters.neverAUuid(s));
    }

    static Arbitrary<byte[]> garbage() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300),
                // a length-delimited field 1 whose bytes are no UTF-8: proto3 refuses such a string
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(50).map(b -> {
                    byte[] message = new byte[b.length + 4];
                    message[0] = 0x0a;
                    message[1] = (byte) (b.length + 2);
                    message[2] = (byte) 0xC3;
                    message[3] = 0x28;
                    System.arraycopy(b, 0, message, 4, b.length);
                    return message;
                }),
                // a length prefix far past the end of the message
                Arbitraries.just(new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 0x01}));
    }

    // ---- catalog ----------------------------------------------------------------------------

    @Property
    void getProductsRefusesMalformedMessages(@ForAll("productRequests") Tuple.Tuple2<String, Object> request) {
        call("catalog", CatalogServiceGrpc.getGetProductsMethod(), request,
                r -> ServiceChannels.withToken(CatalogServiceGrpc.newBlockingStub(grpc.channel("catalog")), grpc.orderServiceToken())
                        .getProducts((GetProductsRequest) r));
    }

    @Provide
    Arbitrary<Tuple.Tuple2<String, Object>> productRequests() {
        Arbitrary<List<String>> withABadId = Combinators.combine(
                Arbitraries.create(() -> UUID.randomUUID().toString()).list().ofMaxSize(5), notAUuid())
                .as((good, bad) -> {
                    List<String> ids = new ArrayList<>(good);
                    ids.add(bad);
                    return ids;
                });
        Arbitrary<List<String>> ids = Arbitraries.oneOf(withABadId, withABadId,
                Arbitraries.just(List.of()),
                Arbitraries.integers().between(101, 2000).map(n -> IntStream.range(0, n).mapToObj(i -> UUID.randomUUID().toString()).toList()),
                Arbitraries.create(() -> UUID.randomUUID().toString()).list().ofMinSize(1).ofMaxSize(3));
        return typedOrRaw(ids.map(list -> GetProductsRequest.newBuilder().addAllProductIds(list).build()));
    }

    @Property
    void reserveStockRefusesMalformedMessages(@ForAll("reservations") Tuple.Tuple2<String, Object> request) {
        call("catalog", CatalogServiceGrpc.getReserveStockMethod(), request,
                r -> ServiceChannels.withToken(CatalogServiceGrpc.newBlockingStub(grpc.channel("catalog")), grpc.orderServiceToken())
                        .reserveStock((ReserveStockRequest) r));
    }

    @Provide
    Arbitrary<Tuple.Tuple2<String, Object>> reservations() {
        Arbitrary<StockLine> goodLine = Arbitraries.integers().between(1, 5)
                .map(q -> StockLine.newBuilder().setProductId(UUID.randomUUID().toString()).setQuantity(q).build());
        Arbitrary<StockLine> badLine = Arbitraries.oneOf(
                notAUuid().map(id -> StockLine.newBuilder().setProductId(id).setQuantity(1).build()),
                Arbitraries.oneOf(Arbitraries.integers().lessOrEqual(0), Arbitraries.integers().greaterOrEqual(1001))
                        .map(q -> StockLine.newBuilder().setProductId(UUID.randomUUID().toString()).setQuantity(q).build()));
        Arbitrary<ReserveStockRequest> badOrderId = Combinators.combine(notAUuid(), goodLine.list().ofMaxSize(3))
                .as((id, lines) -> ReserveStockRequest.newBuilder().setOrderId(id).addAllLines(lines).build());
        Arbitrary<ReserveStockRequest> badLines = Combinators.combine(goodLine.list().ofMaxSize(3), badLine)
                .as((lines, bad) -> ReserveStockRequest.newBuilder().setOrderId(UUID.randomUUID().toString())
                        .addAllLines(lines).addLines(bad).build());
        Arbitrary<ReserveStockRequest> noLines = Arbitraries.create(() -> ReserveStockRequest.newBuilder()
                .setOrderId(UUID.randomUUID().toString()).build());
        Arbitrary<ReserveStockRequest> tooMany = Arbitraries.integers().between(101, 500).map(n -> ReserveStockRequest.newBuilder()
                .setOrderId(UUID.randomUUID().toString())
                .addAllLines(IntStream.range(0, n).mapToObj(i -> StockLine.newBuilder()
                        .setProductId(UUID.randomUUID().toString()).setQuantity(1).build()).toList()).build());
        Arbitrary<ReserveStockRequest> sameProductTwice = Arbitraries.create(() -> {
            StockLine line = StockLine.newBuilder().setProductId(UUID.randomUUID().toString()).setQuantity(1).build();
            return ReserveStockRequest.newBuilder().setOrderId(UUID.randomUUID().toString()).addLines(line).addLines(line).build();
        });
        return typedOrRaw(Arbitraries.oneOf(badOrderId, badLines, badLines, noLines, tooMany, sameProductTwice));
    }

    @Property
    void releaseStockRefusesMalformedMessages(@ForAll("releases") Tuple.Tuple2<String, Object> request) {
        call("catalog", CatalogServiceGrpc.getReleaseStockMethod(), request,
                r -> ServiceChannels.withToken(CatalogServiceGrpc.newBlockingStub(grpc.channel("catalog")), grpc.orderServiceToken())
                        .releaseStock((ReleaseStockRequest) r));
    }

    @Provide
    Arbitrary<Tuple.Tuple2<String, Object>> releases() {
        return typedOrRaw(notAUuid().map(id -> ReleaseStockRequest.newBuilder().setOrderId(id).build()));
    }

    // ---- identity and payment ---------------------------------------------------------------

    @Property
    void getCustomerRefusesMalformedMessages(@ForAll("customers") Tuple.Tuple2<String, Object> request) {
        call("identity", CustomerServiceGrpc.getGetCustomerMethod(), request,
                r -> ServiceChannels.withToken(CustomerServiceGrpc.newBlockingStub(grpc.channel("identity")), grpc.orderServiceToken())
                        .getCustomer((GetCustomerRequest) r));
    }

    @Provide
    Arbitrary<Tuple.Tuple2<String, Object>> customers() {
        Arbitrary<String> ids = Arbitraries.frequencyOf(Tuple.of(9, notAUuid()),
                Tuple.of(1, Arbitraries.create(() -> UUID.randomUUID().toString())));
        return typedOrRaw(ids.map(id -> GetCustomerRequest.newBuilder().setCustomerId(id).build()));
    }

    @Property
    void getPaymentRefusesMalformedMessages(@ForAll("payments") Tuple.Tuple2<String, Object> request) {
        call("payment", PaymentServiceGrpc.getGetPaymentMethod(), request,
                r -> ServiceChannels.withToken(PaymentServiceGrpc.newBlockingStub(grpc.channel("payment")), grpc.orderServiceToken())
                        .getPayment((GetPaymentRequest) r));
    }

    @Provide
    Arbitrary<Tuple.Tuple2<String, Object>> payments() {
        Arbitrary<String> ids = Arbitraries.frequencyOf(Tuple.of(9, notAUuid()),
                Tuple.of(1, Arbitraries.create(() -> UUID.randomUUID().toString())));
        return typedOrRaw(Arbitraries.oneOf(
                ids.map(id -> GetPaymentRequest.newBuilder().setPaymentId(id).build()),
                ids.map(id -> GetPaymentRequest.newBuilder().setOrderId(id).build()),
                Arbitraries.just(GetPaymentRequest.getDefaultInstance())));
    }

    // ---- calling ----------------------------------------------------------------------------

    /** Nine tries in ten a typed message, one in ten raw bytes in its place. */
    private static Arbitrary<Tuple.Tuple2<String, Object>> typedOrRaw(Arbitrary<? extends com.google.protobuf.Message> messages) {
        return Arbitraries.frequencyOf(
                Tuple.of(9, messages.map(m -> Tuple.of(shorten(m.toString()), (Object) m))),
                Tuple.of(1, garbage().map(bytes -> Tuple.of("raw bytes " + shorten(java.util.HexFormat.of().formatHex(bytes)),
                        (Object) bytes))));
    }

    private void call(String service, MethodDescriptor<?, ?> descriptor, Tuple.Tuple2<String, Object> request,
            java.util.function.Consumer<Object> typedCall) {
        method = "gRPC " + descriptor.getFullMethodName();
        Status status;
        if (request.get2() instanceof byte[] raw) {
            status = grpc.callWithRawBytes(service, descriptor, raw, grpc.orderServiceToken());
        } else {
            try {
                typedCall.accept(request.get2());
                status = Status.OK;
            } catch (StatusRuntimeException e) {
                status = e.getStatus();
            }
        }
        BadInputReport.get().tried(method, status.getCode().name());
        if (!CLIENT_ERRORS.contains(status.getCode())) {
            BadInputReport.get().violation(method, request.get1(), status.getCode().name(),
                    String.valueOf(status.getDescription()));
        }
    }

    private static String shorten(Object value) {
        String text = String.valueOf(value).replace("\n", " ");
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
