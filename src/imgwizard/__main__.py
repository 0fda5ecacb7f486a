from imgwizard.cli import main

raise SystemExit(main())
