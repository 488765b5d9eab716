import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AdminTokenGuard } from './admin-token.guard';
import { EngineSandbox } from './engine-sandbox';
import { EngineService } from './engine.service';
import { IncidentsController } from './incidents.controller';
import { ServiceTaskRegistry } from './service-task.registry';
import { ENGINE_CLOCK, systemClock, TimerSchedulerService } from './timer-scheduler.service';

@Module({
  imports: [DiscoveryModule],
  controllers: [IncidentsController],
  providers: [
    ServiceTaskRegistry,
    EngineService,
    EngineSandbox,
    TimerSchedulerService,
    AdminTokenGuard,
    { provide: ENGINE_CLOCK, useValue: systemClock },
  ],
  exports: [EngineService, EngineSandbox, TimerSchedulerService, ServiceTaskRegistry],
})
export class EngineModule {}
