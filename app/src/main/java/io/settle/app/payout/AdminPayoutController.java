package io.settle.app.payout;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/payouts")
@Tag(name = "Admin")
public class AdminPayoutController {

    public record BatchResult(int requested) {
    }

    private final PayoutBatch batch;

    public AdminPayoutController(PayoutBatch batch) {
        this.batch = batch;
    }

    @PostMapping("/run")
    @Operation(summary = "Run the payout batch now (ADMIN); answers how many payouts it requested")
    public BatchResult run() {
        return new BatchResult(batch.run());
    }
}
