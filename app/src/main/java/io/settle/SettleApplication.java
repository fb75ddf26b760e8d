package io.settle;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SettleApplication {

    public static void main(String[] args) {
        disableAxonUpdateChecker();
        SpringApplication.run(SettleApplication.class, args);
    }

    /** Axon 4.13 phones home for updates unless told not to; a payments backend must not. */
    public static void disableAxonUpdateChecker() {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }
}
