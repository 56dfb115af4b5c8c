package dev.bazaar.identity;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bazaar.testsupport.architecture.BazaarArchitecture;
import dev.bazaar.testsupport.architecture.LibsArchitecture;

/**
 * identity-service keeps the shape of DESIGN.md's code layout; the rules are test-support's.
 * Where the code does not keep a rule yet, its known violations are listed: nothing may break
 * the rule anywhere else, and a listed one that is fixed must leave the list.
 */
class ArchitectureTest {

    private static final BazaarArchitecture identity = BazaarArchitecture.of("dev.bazaar.identity");

    @Test
    void slicesNeverImportEachOther() {
        identity.slicesDoNotImportEachOther().check();
    }

    @Test
    void onlyAnAreasStoreTouchesItsTables() {
        identity.onlyAnAreasStoreNamesItsTables().checkExcept(List.of(
                "searchusers.SearchUsersHandler (line"));
    }

    @Test
    void entryPointsDependOnlyOnHandlersAndViews() {
        identity.entryPointsDependOnlyOnHandlersAndViews().checkExcept(List.of(
                "grpc.CustomerGrpcService (gRPC entry point) depends on dev.bazaar.identity.users.User,",
                "grpc.CustomerGrpcService (gRPC entry point) depends on dev.bazaar.identity.users.UserRepository,",
                "rotatekeys.RotateKeysEndpoint (REST entry point) depends on dev.bazaar.identity.keys.KeyRotation,",
                "getuser.GetUserEndpoint (REST entry point) depends on dev.bazaar.identity.users.UserRepository,",
                "me.GetMeEndpoint (REST entry point) depends on dev.bazaar.identity.users.UserNotFound,",
                "me.GetMeEndpoint (REST entry point) depends on dev.bazaar.identity.users.UserRepository,"));
    }

    @Test
    void configHoldsOnlyWiring() {
        identity.configHoldsOnlyWiring().checkExcept(List.of(
                "config.ClientAuthenticationErrors sits in config"));
    }

    @Test
    void theLibrariesItUsesDependOnNoService() {
        LibsArchitecture.libsDependOnNoService().check();
    }
}
