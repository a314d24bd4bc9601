<?php
/*
 * SfeException.php — the plugin could not be loaded or opened (no handle to call): the status
 * (SfePlugin::CONFIG, ABI, STORE, …), the plugin's error name and its message.
 */

declare(strict_types=1);

namespace Sfe;

final class SfeException extends \RuntimeException
{
    public function __construct(
        public readonly int $status,
        public readonly string $error,
        string $message,
    ) {
        parent::__construct($message, $status);
    }
}
