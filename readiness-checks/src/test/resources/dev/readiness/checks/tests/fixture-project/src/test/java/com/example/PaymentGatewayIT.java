package com.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** Needs a payment gateway on localhost:1, which is never there: the integration test errors. */
class PaymentGatewayIT {

    @Test
    void chargesCard() throws IOException {
        try (Socket socket = new Socket("localhost", 1)) {
            assertTrue(socket.isConnected());
        }
    }
}
