<?php
/*
 * SfeResult.php — what one sfe_call() answered: its status, the plugin's JSON text (the result on
 * SFE_OK, an error object {"status", "error", "message", "problems"} otherwise) and sfe_errmsg().
 */

declare(strict_types=1);

namespace Sfe;

final class SfeResult
{
    public function __construct(
        /** The status sfe_call returned (SfePlugin::OK, …; may carry extended bits above 0xff). */
        public readonly int $status,
        /** The plugin's JSON text, exactly as it returned it (null if it returned none). */
        public readonly ?string $json,
        /** sfe_errmsg() after the call: "" on success. */
        public readonly string $message,
    ) {
    }

    public function ok(): bool
    {
        return $this->status === SfePlugin::OK;
    }

    /** The primary status code (status & 0xff). */
    public function primary(): int
    {
        return $this->status & 0xff;
    }

    /** The JSON decoded into arrays (null when there is none or it does not parse). */
    public function data(): ?array
    {
        if ($this->json === null) {
            return null;
        }
        $data = json_decode($this->json, true);
        return is_array($data) ? $data : null;
    }
}
