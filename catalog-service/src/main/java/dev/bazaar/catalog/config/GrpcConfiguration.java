package dev.bazaar.catalog.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bazaar.defaults.grpc.ServiceScopes;
import dev.bazaar.proto.catalog.v1.CatalogServiceGrpc;

@Configuration(proxyBeanMethods = false)
class GrpcConfiguration {

    @Bean
    ServiceScopes serviceScopes() {
        return ServiceScopes.create()
                .require(CatalogServiceGrpc.getGetProductsMethod(), "catalog.products.read")
                .require(CatalogServiceGrpc.getReserveStockMethod(), "catalog.stock.write")
                .require(CatalogServiceGrpc.getReleaseStockMethod(), "catalog.stock.write");
    }
}
